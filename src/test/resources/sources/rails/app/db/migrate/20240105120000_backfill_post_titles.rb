class BackfillPostTitles < ActiveRecord::Migration[7.1]
  def up
    safety_assured do
      add_column :posts, :title, :string
    end
    execute <<~SQL
      UPDATE posts SET title = left(body, 80) WHERE title IS NULL;
      UPDATE posts SET status = 'published' WHERE published_at IS NOT NULL
    SQL
    Post.where(title: nil).find_each { |post| post.update!(title: "untitled") }
  end

  def down
    remove_column :posts, :title
  end
end
